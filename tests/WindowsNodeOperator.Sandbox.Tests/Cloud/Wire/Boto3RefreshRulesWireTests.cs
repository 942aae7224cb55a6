using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Wire;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>
/// boto3 judges, on the wire, what Auto Scaling refuses around refreshes: a group's launch template changed under a refresh
/// with a desired configuration, AutoRollback for a group it could not roll back to; and what it allows: sizes changed meanwhile,
/// a rollback cancelled.
/// </summary>
public sealed class Boto3RefreshRulesWireTests : IDisposable
{
    private const string GroupA = "eks-windows-a";
    private const string GroupB = "eks-windows-b";

    private readonly SeededAccount _account = new();

    [Fact]
    public async Task Boto3_sees_the_refresh_and_rollback_rules_with_their_error_codes()
    {
        var cloud = _account.Cloud;
        var image = cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.12.07", "windows").ImageId;
        string NewVersion(string group) => cloud.Ec2.CreateLaunchTemplateVersion(
            cloud.AutoScaling.DescribeAutoScalingGroups(group).Single().LaunchTemplate, "1", image, "December AMI").VersionNumber.ToString(CultureInfo.InvariantCulture);
        var given = new JsonObject
        {
            ["groupA"] = GroupA,
            ["groupB"] = GroupB,
            ["newVersionA"] = NewVersion(GroupA),
            ["newVersionB"] = NewVersion(GroupB),
            ["ssmImage"] = "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id",
        };

        JsonObject read;
        await using (var server = await SimulatedAwsServer.StartAsync(cloud))
        {
            read = await Boto3Script.RunAsync("boto3_refresh_rules_check.py", server.BaseAddress.ToString(), given.ToJsonString());
        }

        // 1. The launch template is held while the refresh (and then its rollback) is active; the sizes are not.
        foreach (var name in new[] { "updateTemplateDuringRefresh", "updateTemplateDuringRollback" })
        {
            var refused = read[name]!;
            Assert.Equal(("ValidationError", 400), (refused["code"]!.GetValue<string>(), refused["status"]!.GetValue<int>()));
            Assert.Equal(SimulatedAutoScaling.ActiveDesiredConfigurationMessage, refused["message"]!.GetValue<string>());
        }

        Assert.Null(read["updateSizesDuringRefresh"]);
        Assert.Equal(13, cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single().MaxSize);

        // 2. Rolled back before any instance was replaced: the details as they stood then, PercentageComplete 0 and all six to update.
        Assert.Equal("RollbackInProgress", read["rollback"]!["status"]!.GetValue<string>());
        Assert.True(
            JsonNode.DeepEquals(
                new JsonObject
                {
                    ["RollbackReason"] = "The rollback was started by a RollbackInstanceRefresh request.",
                    ["PercentageCompleteOnRollback"] = 0,
                    ["InstancesToUpdateOnRollback"] = 6,
                },
                read["rollback"]!["details"]),
            read["rollback"]!["details"]!.ToJsonString());

        // 3. A rollback can be cancelled: Cancelling, and a second cancel finds nothing in progress.
        Assert.True(read["cancelRollback"]!.GetValue<bool>());
        Assert.Equal("Cancelling", read["afterCancel"]!.GetValue<string>());
        Assert.Equal("ActiveInstanceRefreshNotFound", read["cancelAgain"]!["code"]!.GetValue<string>());

        // 4. AutoRollback: without a desired configuration a ValidationError; on $Latest, $Default or an SSM image IrreversibleInstanceRefresh.
        Assert.Equal("ValidationError", read["autoRollbackNoDesired"]!["code"]!.GetValue<string>());
        Assert.Contains("The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty", read["autoRollbackNoDesired"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var (why, says) in new[] { ("$Latest", "$Latest"), ("$Default", "$Default"), ("ssm", "Systems Manager parameter") })
        {
            var refused = read["irreversible"]![why]!;
            Assert.Equal(("IrreversibleInstanceRefresh", 400), (refused["code"]!.GetValue<string>(), refused["status"]!.GetValue<int>()));
            Assert.Contains(says, refused["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(0, read["refreshesOfB"]!.GetValue<int>());
        Assert.True(read["startedWithoutAutoRollback"]!.GetValue<bool>());
        var started = Assert.Single(cloud.AutoScaling.DescribeInstanceRefreshes(GroupB));
        Assert.False(started.Preferences.AutoRollback);
    }

    public void Dispose() => _account.Dispose();
}
