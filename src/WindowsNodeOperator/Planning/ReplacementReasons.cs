namespace WindowsNodeOperator.Planning;

/// <summary>Why a node is due for replacement; both may hold.</summary>
[Flags]
internal enum ReplacementReasons
{
    None = 0,
    Expired = 1,
    Drifted = 2,
}
