namespace WindowsNodeOperator.Planning;

/// <summary>The latest AMI could not be read.</summary>
internal sealed record AmiLookupFailed(string Message, DateTimeOffset CheckedAt) : AmiLookup;
