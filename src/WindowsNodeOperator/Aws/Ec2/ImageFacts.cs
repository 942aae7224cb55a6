namespace WindowsNodeOperator.Aws.Ec2;

internal sealed record ImageFacts(string ImageId, string? Name, DateTimeOffset? CreatedAt);
