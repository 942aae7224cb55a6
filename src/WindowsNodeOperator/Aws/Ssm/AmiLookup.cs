using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>One cached answer for a parameter; <see cref="Release"/> is null when the parameter does not exist.</summary>
internal sealed record AmiLookup(AmiRelease? Release, DateTimeOffset CheckedAt);
