namespace WindowsNodeOperator.Cloud;

/// <summary>A launch template by id or name, and a version: a number, <c>$Latest</c> or <c>$Default</c>.</summary>
public sealed record LaunchTemplateRef(string? Id, string? Name, string Version)
{
    public const string Latest = "$Latest";
    public const string Default = "$Default";

    /// <summary>True when <see cref="Version"/> is an explicit version number.</summary>
    public bool IsExplicit => long.TryParse(Version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
}
