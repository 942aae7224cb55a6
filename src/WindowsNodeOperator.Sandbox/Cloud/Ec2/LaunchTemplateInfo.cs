namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>A launch template as DescribeLaunchTemplates reports it.</summary>
public sealed record LaunchTemplateInfo(
    string LaunchTemplateId,
    string LaunchTemplateName,
    int DefaultVersionNumber,
    int LatestVersionNumber,
    DateTimeOffset CreateTime);
