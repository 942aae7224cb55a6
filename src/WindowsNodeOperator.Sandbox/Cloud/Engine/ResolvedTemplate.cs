using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>A launch template resolved to one numbered version and its launch data.</summary>
internal sealed record ResolvedTemplate(string TemplateId, string TemplateName, int Version, string ImageId, string InstanceType)
{
    public LaunchTemplateSpecification ToSpecification() =>
        new(TemplateId, TemplateName, Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool Matches(InstanceRecord instance) => instance.TemplateId == TemplateId && instance.TemplateVersion == Version;
}
