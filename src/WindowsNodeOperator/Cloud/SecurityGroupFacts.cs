namespace WindowsNodeOperator.Cloud;

/// <summary>A security group's inbound rules.</summary>
internal sealed record SecurityGroupFacts(string GroupId, string? GroupName, IReadOnlyList<IngressRule> Ingress);
