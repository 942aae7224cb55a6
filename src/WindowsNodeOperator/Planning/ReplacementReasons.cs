namespace WindowsNodeOperator.Planning;

/// <summary>Why a node is due for replacement; several may hold.</summary>
[Flags]
internal enum ReplacementReasons
{
    None = 0,
    Expired = 1,
    Drifted = 2,

    /// <summary>NotReady for longer than disruption.notReadyReplaceAfter.</summary>
    NotReady = 4,
}
