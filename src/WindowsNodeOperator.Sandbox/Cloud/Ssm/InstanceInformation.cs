namespace WindowsNodeOperator.Sandbox.Cloud.Ssm;

/// <summary>A node registered with Systems Manager (its SSM Agent reports): <c>PingStatus</c> is <c>Online</c> or <c>ConnectionLost</c>.</summary>
public sealed record InstanceInformation(
    string InstanceId, string PingStatus, DateTimeOffset LastPingDateTime, string PlatformType, string PlatformName, string ComputerName, string IpAddress);
