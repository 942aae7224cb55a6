namespace WindowsNodeOperator.Aws.Ec2;

internal static class Ec2Limits
{
    /// <summary>EC2 rejects a filter with more values than this (FilterLimitExceeded).</summary>
    public const int FilterValues = 200;

    /// <summary>The largest page DescribeInstances and DescribeImages return.</summary>
    public const int PageSize = 1000;
}
