namespace WindowsNodeOperator.Planning;

/// <summary>The order the steps of a rollout are taken in: the template first, then the refresh, then single replacements.</summary>
internal enum StepKind
{
    LaunchTemplate,
    Refresh,
    Replacement,
}
