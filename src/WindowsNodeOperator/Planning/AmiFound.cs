namespace WindowsNodeOperator.Planning;

/// <summary>
/// The latest AMI; <paramref name="CreatedAt"/> is null when the image's creation date could not be read.
/// <paramref name="PublishedAt"/> is when its SSM parameter last changed, when AWS released it: the soak counts from there.
/// </summary>
internal sealed record AmiFound(string ImageId, DateTimeOffset? CreatedAt, DateTimeOffset CheckedAt, DateTimeOffset? PublishedAt = null) : AmiLookup
{
    /// <summary>When the soak starts: the release, or the build when the release time is not known.</summary>
    public DateTimeOffset? SoakStart => PublishedAt ?? CreatedAt;
}
