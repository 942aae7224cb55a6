namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>How a Query-style request flattens lists, and how it says a parameter is missing or wrong.</summary>
internal enum QueryFlavor
{
    /// <summary>EC2: <c>InstanceId.1</c>, <c>Filter.1.Value.1</c>; errors <c>MissingParameter</c> / <c>InvalidParameterValue</c>.</summary>
    Ec2,

    /// <summary>AWS Query (Auto Scaling): <c>AutoScalingGroupNames.member.1</c>; errors <c>ValidationError</c>.</summary>
    Query,
}
