namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// How a group's instances stand against common hardening checks; the defaults are the hardened ones. <c>Edition</c> is the
/// Windows Server installation option of its EKS-optimized AMIs (<c>Core</c> or <c>Full</c>).
/// </summary>
public sealed record GroupHardening(
    string Edition = "Core",
    bool RdpOpenToWorld = false,
    bool ImdsV1 = false,
    bool UnencryptedRootVolume = false,
    bool NoSsmAgent = false)
{
    public static GroupHardening Hardened { get; } = new();

    public bool Full => string.Equals(Edition, "Full", StringComparison.OrdinalIgnoreCase);
}
