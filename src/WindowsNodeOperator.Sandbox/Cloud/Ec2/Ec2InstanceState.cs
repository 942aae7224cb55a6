namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>The EC2 instance state (<c>pending</c>, <c>running</c>, <c>shutting-down</c>...).</summary>
public enum Ec2InstanceState
{
    Pending,
    Running,
    ShuttingDown,
    Terminated,
    Stopping,
    Stopped,
}
