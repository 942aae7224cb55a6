namespace WindowsNodeOperator.Cloud;

internal enum LifecycleTransition
{
    InstanceLaunching,
    InstanceTerminating,
}
