namespace WindowsNodeOperator.Sandbox.Cloud.Ssm;

/// <summary>One version of an SSM parameter.</summary>
public sealed record SsmParameter(string Name, string Value, long Version, DateTimeOffset LastModifiedDate);
