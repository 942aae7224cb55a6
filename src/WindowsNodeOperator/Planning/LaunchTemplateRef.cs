namespace WindowsNodeOperator.Planning;

/// <summary>A launch template and the version a group uses (a number, <c>$Latest</c> or <c>$Default</c>).</summary>
internal sealed record LaunchTemplateRef(string Id, string? Name, string Version);
