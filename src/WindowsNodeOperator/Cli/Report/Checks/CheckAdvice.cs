namespace WindowsNodeOperator.Cli.Report.Checks;

/// <summary>Each check's column name and what to change when it fails.</summary>
internal static class CheckAdvice
{
    public static string Column(HardeningCheck check) => check switch
    {
        HardeningCheck.ServerCore => "CORE",
        HardeningCheck.RdpClosed => "RDP",
        HardeningCheck.SsmOnline => "SSM",
        HardeningCheck.ImdsV2 => "IMDSV2",
        HardeningCheck.RootEncrypted => "EBS",
        HardeningCheck.AmiAvailable => "AMI",
        _ => check.ToString(),
    };

    public static string Name(HardeningCheck check) => check switch
    {
        HardeningCheck.ServerCore => "Windows Server Core",
        HardeningCheck.RdpClosed => "RDP closed to the internet",
        HardeningCheck.SsmOnline => "reachable through SSM Session Manager",
        HardeningCheck.ImdsV2 => "IMDSv2 required",
        HardeningCheck.RootEncrypted => "root volume encrypted",
        HardeningCheck.AmiAvailable => "AMI still available",
        _ => check.ToString(),
    };

    public static string Fix(HardeningCheck check) => check switch
    {
        HardeningCheck.ServerCore =>
            "use the Core AMI: eksctl amiFamily WindowsServer2022CoreContainer, or spec.ami.edition: Core in the policy",
        HardeningCheck.RdpClosed =>
            "remove the 3389 rule from 0.0.0.0/0 and ::/0; in eksctl set ssh.allow: false (use SSM Session Manager instead)",
        HardeningCheck.SsmOnline =>
            "attach the managed policy AmazonSSMManagedInstanceCore to the node role (eksctl iam.attachPolicyARNs) and allow SSM endpoints",
        HardeningCheck.ImdsV2 =>
            "set the launch template's MetadataOptions HttpTokens: required (eksctl disableIMDSv1: true)",
        HardeningCheck.RootEncrypted =>
            "set Encrypted: true on the launch template's root block device (eksctl volumeEncrypted: true) or turn on EBS encryption by default",
        HardeningCheck.AmiAvailable =>
            "move the group to a current EKS-optimized AMI (a WindowsNodePolicy does this); deprecated AMIs go private and cannot launch",
        _ => string.Empty,
    };
}
