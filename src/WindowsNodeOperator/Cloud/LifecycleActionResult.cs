namespace WindowsNodeOperator.Cloud;

internal enum LifecycleActionResult
{
    Continue,
    Abandon,
}
