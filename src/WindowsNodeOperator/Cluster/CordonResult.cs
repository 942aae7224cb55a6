namespace WindowsNodeOperator.Cluster;

internal enum CordonResult
{
    /// <summary>The node was schedulable and is now cordoned under our annotation.</summary>
    Cordoned,

    /// <summary>The node already carried our cordon.</summary>
    AlreadyOurs,

    /// <summary>Someone else had cordoned the node; it is left without our annotation so we never uncordon it.</summary>
    CordonedByOthers,

    NodeNotFound,
}
