namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>Lifecycle transitions and action results, spelled as the Auto Scaling API spells them.</summary>
public static class LifecycleHooks
{
    public const string Launching = "autoscaling:EC2_INSTANCE_LAUNCHING";
    public const string Terminating = "autoscaling:EC2_INSTANCE_TERMINATING";
    public const string Continue = "CONTINUE";
    public const string Abandon = "ABANDON";
}
