namespace WindowsNodeOperator.Cloud;

/// <summary>
/// A rolling instance refresh towards an explicit launch template version. For a group with a mixed instances policy,
/// <see cref="MixedInstancesPolicy"/> is the group's own: the desired configuration is then that policy with its launch template
/// at <see cref="DesiredLaunchTemplate"/>, overrides and distribution unchanged, since a successful refresh replaces the
/// group's configuration with the desired one.
/// </summary>
internal sealed record InstanceRefreshRequest(
    string GroupName,
    LaunchTemplateRef DesiredLaunchTemplate,
    InstanceRefreshPreferences Preferences)
{
    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }
}
