namespace WindowsNodeOperator.Sandbox.Cloud.Ssm;

/// <summary>What GetParameters answers: the latest version of each name that exists, and the names that do not.</summary>
public sealed record SsmParameters(IReadOnlyList<SsmParameter> Parameters, IReadOnlyList<string> InvalidParameters);
