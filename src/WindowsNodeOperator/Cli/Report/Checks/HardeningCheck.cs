namespace WindowsNodeOperator.Cli.Report.Checks;

/// <summary>The hardening checks <c>report</c> runs on every Windows node.</summary>
internal enum HardeningCheck
{
    /// <summary>Windows Server Core rather than Full (Desktop Experience), read from the AMI name.</summary>
    ServerCore,

    /// <summary>No attached security group lets TCP 3389 in from 0.0.0.0/0 or ::/0.</summary>
    RdpClosed,

    /// <summary>The instance's SSM Agent reports Online, so Session Manager reaches it without RDP.</summary>
    SsmOnline,

    /// <summary>The instance metadata service answers IMDSv2 only (<c>HttpTokens: required</c>).</summary>
    ImdsV2,

    /// <summary>The root EBS volume is encrypted.</summary>
    RootEncrypted,

    /// <summary>The AMI is available and not past its deprecation time (EKS Windows AMIs go private some months after release).</summary>
    AmiAvailable,
}
