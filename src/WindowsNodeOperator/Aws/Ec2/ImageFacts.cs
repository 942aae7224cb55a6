namespace WindowsNodeOperator.Aws.Ec2;

internal sealed record ImageFacts(
    string ImageId, string? Name, DateTimeOffset? CreatedAt, DateTimeOffset? DeprecationTime = null, string? State = null, bool? Public = null);
