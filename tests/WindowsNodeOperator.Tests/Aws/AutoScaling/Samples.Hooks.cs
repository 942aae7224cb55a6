namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

internal static partial class Samples
{
    public static string Hooks(params string[] hooks) =>
        Response("DescribeLifecycleHooks", $"<LifecycleHooks>{string.Concat(hooks)}</LifecycleHooks>");

    public static string Hook(string group, string name, string transition, int heartbeat, string defaultResult) => $"""
        <member>
          <LifecycleHookName>{name}</LifecycleHookName>
          <AutoScalingGroupName>{group}</AutoScalingGroupName>
          <LifecycleTransition>{transition}</LifecycleTransition>
          <HeartbeatTimeout>{heartbeat}</HeartbeatTimeout>
          <GlobalTimeout>{heartbeat * 100}</GlobalTimeout>
          <DefaultResult>{defaultResult}</DefaultResult>
        </member>
        """;

    public const string HookWithNotification = """
        <member>
          <LifecycleHookName>drain</LifecycleHookName>
          <AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>
          <LifecycleTransition>autoscaling:EC2_INSTANCE_TERMINATING</LifecycleTransition>
          <NotificationTargetARN>arn:aws:sqs:eu-west-1:123456789012:windows-node-events</NotificationTargetARN>
          <RoleARN>arn:aws:iam::123456789012:role/asg-hook-publisher</RoleARN>
          <NotificationMetadata>{"cluster":"prod"}</NotificationMetadata>
          <HeartbeatTimeout>900</HeartbeatTimeout>
          <GlobalTimeout>90000</GlobalTimeout>
          <DefaultResult>CONTINUE</DefaultResult>
        </member>
        """;

    public static readonly string TerminateInstance = Response("TerminateInstanceInAutoScalingGroup", """
        <Activity>
          <ActivityId>cczc44a87-7d04-dbc6-1f5b-8a6e8e4f1b2c</ActivityId>
          <AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>
          <Description>Terminating EC2 instance: i-0123456789abcdef0</Description>
          <Cause>At 2024-07-01T10:02:11Z instance i-0123456789abcdef0 was taken out of service in response to a user request.</Cause>
          <StartTime>2024-07-01T10:02:11.507Z</StartTime>
          <StatusCode>InProgress</StatusCode>
          <Progress>0</Progress>
          <Details>{"Subnet ID":"subnet-0a1b2c3d","Availability Zone":"eu-west-1a"}</Details>
        </Activity>
        """);

    /// <summary>A launch a lifecycle action abandoned (AWS's own example wording) and one EC2 could not start, newest first.</summary>
    public static readonly string ScalingActivities = Response("DescribeScalingActivities", """
        <Activities>
          <member>
            <ActivityId>5e2a1f0c-0000-4000-8000-000000000002</ActivityId>
            <AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>
            <Description>Launching a new EC2 instance: i-003a5b3ffe1e9358e.  Status Reason: Instance failed to complete user's Lifecycle Action: Lifecycle Action with token e85eb647-4fe0-4909-b341-a6c42d8aba1f was abandoned: Lifecycle Action Completed with ABANDON Result</Description>
            <Cause>At 2024-07-01T10:00:00Z an instance was launched in response to an instance refresh.</Cause>
            <StartTime>2024-07-01T10:00:03.542Z</StartTime>
            <EndTime>2024-07-01T10:30:31Z</EndTime>
            <StatusCode>Cancelled</StatusCode>
            <StatusMessage>Instance failed to complete user's Lifecycle Action: Lifecycle Action with token e85eb647-4fe0-4909-b341-a6c42d8aba1f was abandoned: Lifecycle Action Completed with ABANDON Result</StatusMessage>
            <Progress>100</Progress>
            <Details>{"Subnet ID":"subnet-0a1b2c3d","Availability Zone":"eu-west-1a"}</Details>
          </member>
          <member>
            <ActivityId>5e2a1f0c-0000-4000-8000-000000000001</ActivityId>
            <AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>
            <Description>Launching a new EC2 instance.  Status Reason: We currently do not have sufficient m5.xlarge capacity in the Availability Zone you requested (eu-west-1a). Launching EC2 instance failed.</Description>
            <Cause>At 2024-07-01T09:58:00Z an instance was launched in response to an instance refresh.</Cause>
            <StartTime>2024-07-01T09:58:01.100Z</StartTime>
            <EndTime>2024-07-01T09:58:01Z</EndTime>
            <StatusCode>Failed</StatusCode>
            <StatusMessage>We currently do not have sufficient m5.xlarge capacity in the Availability Zone you requested (eu-west-1a). Launching EC2 instance failed.</StatusMessage>
            <Progress>100</Progress>
          </member>
        </Activities>
        """);
}
