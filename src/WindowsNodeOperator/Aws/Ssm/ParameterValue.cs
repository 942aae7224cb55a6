namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>
/// An SSM parameter's value, the AMI id in it (null when it holds none), and when the parameter last changed: when AWS
/// published that AMI.
/// </summary>
internal sealed record ParameterValue(string? ImageId, DateTimeOffset? LastModified, string Value);
