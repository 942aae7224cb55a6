namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The parts of StartInstanceRefresh the simulation models (the Rolling strategy).</summary>
public sealed record StartInstanceRefreshRequest(
    string AutoScalingGroupName,
    DesiredConfiguration? DesiredConfiguration = null,
    RefreshPreferences? Preferences = null);
