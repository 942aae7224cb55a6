namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>A launch template by id or name, and a version: a number, <c>$Latest</c> or <c>$Default</c>.</summary>
public sealed record LaunchTemplateSpecification(string? LaunchTemplateId, string? LaunchTemplateName, string Version = "$Default")
{
    public const string Latest = "$Latest";
    public const string Default = "$Default";

    public bool IsNumbered => Version is not (Latest or Default);
}
