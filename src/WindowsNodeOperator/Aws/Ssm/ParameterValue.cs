namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>An AMI id read from an SSM parameter, and when the parameter last changed: when AWS published that AMI.</summary>
internal sealed record ParameterValue(string ImageId, DateTimeOffset? LastModified);
