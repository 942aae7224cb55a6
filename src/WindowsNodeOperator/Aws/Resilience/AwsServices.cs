namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>The service names the AWS call pipeline keys its rate limits and metrics by.</summary>
public static class AwsServices
{
    public const string Ec2 = "ec2";
    public const string Ssm = "ssm";
    public const string AutoScaling = "autoscaling";
}
