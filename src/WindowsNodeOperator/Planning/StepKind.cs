namespace WindowsNodeOperator.Planning;

/// <summary>
/// The order the steps of a rollout are taken in: a node NotReady too long first (it is already out), then the
/// template, then the refresh, then single replacements.
/// </summary>
internal enum StepKind
{
    NotReadyReplacement,
    LaunchTemplate,
    Refresh,
    Replacement,
}
