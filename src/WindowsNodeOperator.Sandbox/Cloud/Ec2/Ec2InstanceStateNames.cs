namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>The names EC2 gives its instance states.</summary>
public static class Ec2InstanceStateNames
{
    public static string ToAwsName(this Ec2InstanceState state) => state switch
    {
        Ec2InstanceState.Pending => "pending",
        Ec2InstanceState.Running => "running",
        Ec2InstanceState.ShuttingDown => "shutting-down",
        Ec2InstanceState.Terminated => "terminated",
        Ec2InstanceState.Stopping => "stopping",
        _ => "stopped",
    };
}
