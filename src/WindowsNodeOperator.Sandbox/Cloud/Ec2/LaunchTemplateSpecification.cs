namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>A launch template by id or name, and a version: a number, <c>$Latest</c> or <c>$Default</c>.</summary>
public sealed record LaunchTemplateSpecification(string? LaunchTemplateId, string? LaunchTemplateName, string Version = "$Default")
{
    public const string Latest = "$Latest";
    public const string Default = "$Default";

    /// <summary>
    /// An ImageId of this form names a Systems Manager parameter that EC2 resolves at launch
    /// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html).
    /// </summary>
    public const string SsmImagePrefix = "resolve:ssm:";

    public bool IsNumbered => Version is not (Latest or Default);
}
