using System.Net;
using Amazon.EC2;
using Amazon.Runtime;
using WindowsNodeOperator.Aws.AutoScaling.Errors;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Tests.Hosting.Sandbox;

/// <summary>Faults switched on in the simulated account meet the operator's real retry pipeline and error classifier.</summary>
public sealed class SimulatedFaultTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new();

    [Fact]
    public async Task Throttled_describe_instances_are_retried_until_they_succeed()
    {
        _account.Cloud.Faults.Set("ec2:DescribeInstances", FaultKind.Throttling, remaining: 2);

        var call = _account.Inventory.ListAsync([SimulatedAccount.GroupA], None);
        var waits = await _account.Time.DriveAsync(call);

        Assert.Equal(6, (await call).Count);
        Assert.Equal((3L, 2L), (_account.Cloud.Calls.Calls("ec2:DescribeInstances"), _account.Cloud.Calls.Faulted("ec2:DescribeInstances")));
        Assert.Equal(2, waits.Count);
    }

    [Theory]
    [InlineData("ssm:GetParameters")]
    [InlineData("ec2:DescribeImages")]
    [InlineData("autoscaling:DescribeAutoScalingGroups")]
    public async Task Throttling_of_any_service_is_retried(string operation)
    {
        _account.Cloud.Faults.Set(operation, FaultKind.Throttling, remaining: 1);

        var call = operation.StartsWith("autoscaling", StringComparison.Ordinal)
            ? _account.AutoScaling.DescribeGroupsByTagsAsync([new("windowsnode.io/managed", ["true"])], None)
            : (Task)_account.Catalog.GetLatestAsync(_account.WindowsParameter, None);
        await _account.Time.DriveAsync(call);

        await call;
        Assert.Equal((2L, 1L), (_account.Cloud.Calls.Calls(operation), _account.Cloud.Calls.Faulted(operation)));
    }

    [Fact]
    public async Task A_timed_out_refresh_start_is_not_repeated_though_it_took_effect()
    {
        var request = await RefreshRequestAsync();
        _account.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.Timeout, remaining: 1);

        var call = _account.AutoScaling.StartInstanceRefreshAsync(request, None);
        await _account.Time.DriveAsync(call);

        var error = await Assert.ThrowsAnyAsync<TimeoutException>(() => call);
        Assert.Equal((AwsErrorKind.Transient, false), (AwsErrorClassifier.Classify(error), AwsErrorClassifier.ProvesNotPerformed(error)));
        Assert.Equal(1, _account.Cloud.Calls.Calls("autoscaling:StartInstanceRefresh"));
        Assert.Single(await _account.AutoScaling.DescribeInstanceRefreshesAsync(SimulatedAccount.GroupA, [], None));
    }

    [Fact]
    public async Task A_timed_out_version_create_is_retried_and_its_client_token_keeps_it_to_one_version()
    {
        var group = Assert.Single(await _account.AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], None));
        var image = _account.Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", "windows").ImageId;
        _account.Cloud.Faults.Set("ec2:CreateLaunchTemplateVersion", FaultKind.Timeout, remaining: 1);

        var call = _account.Templates.CreateVersionWithImageAsync(group.LaunchTemplate!, image, "November AMI", None);
        await _account.Time.DriveAsync(call);

        Assert.Equal("4", (await call).Version);
        Assert.Equal(2, _account.Cloud.Calls.Calls("ec2:CreateLaunchTemplateVersion"));
        Assert.Equal(4, _account.Cloud.Ec2.DescribeLaunchTemplateVersions(new(group.LaunchTemplate!.Id, null)).Count);
    }

    [Fact]
    public async Task An_unclear_server_error_on_a_refresh_start_is_not_repeated_but_a_503_is()
    {
        var request = await RefreshRequestAsync();
        _account.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.InternalError, remaining: 1);

        var failed = _account.AutoScaling.StartInstanceRefreshAsync(request, None);
        // Nothing waits on the clock when no retry is planned (and a test drives the clock only once).
        Assert.True(failed.IsCompleted);
        var error = await Assert.ThrowsAsync<AutoScalingServiceException>(() => failed);
        _account.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.ServiceUnavailable, remaining: 1);
        var retried = _account.AutoScaling.StartInstanceRefreshAsync(request, None);
        await _account.Time.DriveAsync(retried);

        Assert.Equal(("InternalFailure", HttpStatusCode.InternalServerError, ErrorType.Receiver), (error.ErrorCode, error.StatusCode, error.ErrorType));
        Assert.NotEmpty(await retried);
        Assert.Equal((3L, 2L), (_account.Cloud.Calls.Calls("autoscaling:StartInstanceRefresh"), _account.Cloud.Calls.Faulted("autoscaling:StartInstanceRefresh")));
    }

    [Fact]
    public async Task Simulated_error_answers_are_classified_as_the_real_ones()
    {
        var missing = await Assert.ThrowsAsync<AmazonEC2Exception>(() => _account.Templates.GetImageIdAsync(new LaunchTemplateRef("lt-00000000000000000", null, "1"), None));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => _account.AutoScaling.DescribeLifecycleHooksAsync("no-such-group", None));

        Assert.Equal(("InvalidLaunchTemplateId.NotFound", HttpStatusCode.BadRequest, ErrorType.Sender), (missing.ErrorCode, missing.StatusCode, missing.ErrorType));
        Assert.Equal(AwsErrorKind.Permanent, AwsErrorClassifier.Classify(missing));
        Assert.Equal(("ValidationError", AwsErrorKind.Permanent), (invalid.ErrorCode, AwsErrorClassifier.Classify(invalid)));
        Assert.Equal(1, _account.Cloud.Calls.Calls("ec2:DescribeLaunchTemplateVersions"));
        Assert.Equal(1, _account.Cloud.Calls.Calls("autoscaling:DescribeLifecycleHooks"));
    }

    [Theory]
    [InlineData("ec2:DescribeInstances", FaultKind.Throttling, "RequestLimitExceeded", "Throttled", true)]
    [InlineData("ssm:GetParameters", FaultKind.Throttling, "ThrottlingException", "Throttled", true)]
    [InlineData("autoscaling:DescribeLifecycleHooks", FaultKind.Throttling, "Throttling", "Throttled", true)]
    [InlineData("autoscaling:DescribeLifecycleHooks", FaultKind.ServiceUnavailable, "ServiceUnavailable", "Transient", true)]
    [InlineData("ec2:DescribeInstances", FaultKind.InternalError, "InternalFailure", "Transient", false)]
    public async Task Each_fault_surfaces_with_the_services_code_and_classification(
        string operation, FaultKind kind, string code, string expected, bool notPerformed)
    {
        _account.Cloud.Faults.Set(operation, kind);

        var call = operation switch
        {
            "ec2:DescribeInstances" => _account.Inventory.ListAsync([SimulatedAccount.GroupA], None),
            "ssm:GetParameters" => _account.Catalog.GetLatestAsync(_account.WindowsParameter, None),
            _ => (Task)_account.AutoScaling.DescribeLifecycleHooksAsync(SimulatedAccount.GroupA, None),
        };
        await _account.Time.DriveAsync(call);

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => call);
        Assert.Equal((code, Enum.Parse<AwsErrorKind>(expected), notPerformed), (error.ErrorCode, AwsErrorClassifier.Classify(error), AwsErrorClassifier.ProvesNotPerformed(error)));
        // Five attempts in all, as the pipeline allows.
        Assert.Equal(5, _account.Cloud.Calls.Faulted(operation));
    }

    public void Dispose() => _account.Dispose();

    private async Task<InstanceRefreshRequest> RefreshRequestAsync()
    {
        var group = Assert.Single(await _account.AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], None));
        var image = _account.Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", "windows").ImageId;
        var version = await _account.Templates.CreateVersionWithImageAsync(group.LaunchTemplate!, image, "November AMI", None);
        return new InstanceRefreshRequest(SimulatedAccount.GroupA, version, new InstanceRefreshPreferences());
    }
}
