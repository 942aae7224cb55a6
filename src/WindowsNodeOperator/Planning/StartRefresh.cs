namespace WindowsNodeOperator.Planning;

/// <summary>Start an instance refresh of the group with these preferences.</summary>
internal sealed record StartRefresh(string Group, string TargetImageId, RefreshPreferences Preferences) : PlanAction;
