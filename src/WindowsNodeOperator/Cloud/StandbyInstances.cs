namespace WindowsNodeOperator.Cloud;

/// <summary>What a refresh does with instances in Standby.</summary>
internal enum StandbyInstances
{
    Terminate,
    Ignore,
    Wait,
}
