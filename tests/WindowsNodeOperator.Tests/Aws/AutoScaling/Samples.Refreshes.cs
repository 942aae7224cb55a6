namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

internal static partial class Samples
{
    public static readonly string StartInstanceRefresh = Response(
        "StartInstanceRefresh", "<InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>");

    public static readonly string CancelInstanceRefresh = Response(
        "CancelInstanceRefresh", "<InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>");

    public static readonly string RollbackInstanceRefresh = Response(
        "RollbackInstanceRefresh", "<InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>");

    public static string Refreshes(string? nextToken = null, params string[] refreshes) =>
        Response(
            "DescribeInstanceRefreshes",
            $"<InstanceRefreshes>{string.Concat(refreshes)}</InstanceRefreshes>" + (nextToken is null ? "" : $"<NextToken>{nextToken}</NextToken>"));

    public const string RefreshInProgress = """
        <member>
          <InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>
          <AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>
          <Status>InProgress</Status>
          <StatusReason>Waiting for instances to warm up before continuing. For example: i-0645704820a8e83ff is warming up.</StatusReason>
          <StartTime>2024-07-01T09:15:30Z</StartTime>
          <PercentageComplete>40</PercentageComplete>
          <InstancesToUpdate>3</InstancesToUpdate>
          <ProgressDetails>
            <LivePoolProgress>
              <PercentageComplete>40</PercentageComplete>
              <InstancesToUpdate>3</InstancesToUpdate>
            </LivePoolProgress>
          </ProgressDetails>
          <Preferences>
            <MinHealthyPercentage>90</MinHealthyPercentage>
            <InstanceWarmup>600</InstanceWarmup>
            <SkipMatching>true</SkipMatching>
            <AutoRollback>true</AutoRollback>
            <ScaleInProtectedInstances>Ignore</ScaleInProtectedInstances>
            <StandbyInstances>Ignore</StandbyInstances>
            <MaxHealthyPercentage>120</MaxHealthyPercentage>
          </Preferences>
          <DesiredConfiguration>
            <LaunchTemplate>
              <LaunchTemplateId>lt-0a1b2c3d4e5f67890</LaunchTemplateId>
              <Version>8</Version>
            </LaunchTemplate>
          </DesiredConfiguration>
          <Strategy>Rolling</Strategy>
        </member>
        """;

    public const string RefreshRolledBack = """
        <member>
          <InstanceRefreshId>dd7728d0-5bc4-4575-96a3-1b2c52bf8bb1</InstanceRefreshId>
          <AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>
          <Status>RollbackSuccessful</Status>
          <StatusReason>Rollback completed successfully.</StatusReason>
          <StartTime>2024-06-01T09:00:00Z</StartTime>
          <EndTime>2024-06-01T10:42:07Z</EndTime>
          <PercentageComplete>100</PercentageComplete>
          <InstancesToUpdate>0</InstancesToUpdate>
          <RollbackDetails>
            <RollbackReason>Instance refresh failed: instance i-0ab1c2d3e4f5a6b7c failed its lifecycle hook.</RollbackReason>
            <RollbackStartTime>2024-06-01T09:48:12Z</RollbackStartTime>
            <PercentageCompleteOnRollback>50</PercentageCompleteOnRollback>
            <InstancesToUpdateOnRollback>1</InstancesToUpdateOnRollback>
            <ProgressDetailsOnRollback>
              <LivePoolProgress>
                <PercentageComplete>50</PercentageComplete>
                <InstancesToUpdate>1</InstancesToUpdate>
              </LivePoolProgress>
            </ProgressDetailsOnRollback>
          </RollbackDetails>
          <Strategy>Rolling</Strategy>
        </member>
        """;
}
