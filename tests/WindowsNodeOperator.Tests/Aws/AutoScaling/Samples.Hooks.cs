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
}
