namespace WindowsNodeOperator.Planning;

/// <summary>The latest AMI; <paramref name="CreatedAt"/> is null when the image's creation date could not be read.</summary>
internal sealed record AmiFound(string ImageId, DateTimeOffset? CreatedAt, DateTimeOffset CheckedAt) : AmiLookup;
