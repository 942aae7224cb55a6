namespace WindowsNodeOperator.Cloud;

/// <summary>
/// A launch template reference as a group or instance carries it: by id or by name, and a version
/// (a number, <c>$Latest</c> or <c>$Default</c>).
/// </summary>
internal sealed record GroupLaunchTemplate(string? Id, string? Name, string? Version);
