using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>
/// One cached answer for a parameter; <see cref="Release"/> is null when the parameter does not exist or, with
/// <see cref="NotAnImage"/> its value, holds no AMI id.
/// </summary>
internal sealed record AmiLookup(AmiRelease? Release, DateTimeOffset CheckedAt, string? NotAnImage = null);
