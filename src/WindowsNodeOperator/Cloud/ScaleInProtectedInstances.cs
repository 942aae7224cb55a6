namespace WindowsNodeOperator.Cloud;

/// <summary>What a refresh does with instances protected from scale in.</summary>
internal enum ScaleInProtectedInstances
{
    Refresh,
    Ignore,
    Wait,
}
