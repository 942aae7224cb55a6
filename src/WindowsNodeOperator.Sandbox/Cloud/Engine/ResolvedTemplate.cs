using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>
/// A launch template resolved to one numbered version and its launch data: what the group launches next. Through a mixed
/// instances policy, <see cref="InstanceTypes"/> are the types its overrides allow (an instance of another type does not match).
/// </summary>
internal sealed record ResolvedTemplate(
    string TemplateId, string TemplateName, int Version, string ImageId, string InstanceType, IReadOnlyList<string>? InstanceTypes = null)
{
    public LaunchTemplateSpecification ToSpecification() =>
        new(TemplateId, TemplateName, Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool Matches(InstanceRecord instance) =>
        instance.TemplateId == TemplateId && instance.TemplateVersion == Version
        && (InstanceTypes is null || InstanceTypes.Contains(instance.InstanceType, StringComparer.Ordinal));
}
