namespace WindowsNodeOperator.Cloud;

/// <summary>A rolling instance refresh towards an explicit launch template version.</summary>
internal sealed record InstanceRefreshRequest(
    string GroupName,
    LaunchTemplateRef DesiredLaunchTemplate,
    InstanceRefreshPreferences Preferences);
