using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.Ssm;

public sealed class SsmAmiCatalogTests
{
    private const string Core2022 = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id";
    private const string Full2019 = "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-EKS_Optimized-1.31/image_id";

    private readonly FakeAmiSource _aws = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPipeline _pipeline = new();

    public SsmAmiCatalogTests()
    {
        _aws.AddAmi(Core2022, "ami-0aaaaaaaaaaaaaaaa", "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.04.14", "2026-04-14T08:30:00.000Z");
        _aws.AddAmi(Full2019, "ami-0bbbbbbbbbbbbbbbb", "Windows_Server-2019-English-Full-EKS_Optimized-1.31-2026.04.14", "2026-04-14T09:00:00.000Z");
    }

    [Fact]
    public async Task Returns_the_image_with_its_name_and_creation_date()
    {
        var release = await Catalog().GetLatestAsync(Core2022, CancellationToken.None);

        Assert.Equal(
            new AmiRelease(Core2022, "ami-0aaaaaaaaaaaaaaaa", "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.04.14",
                new DateTimeOffset(2026, 4, 14, 8, 30, 0, TimeSpan.Zero), _time.GetUtcNow()),
            release);
    }

    [Fact]
    public async Task Caches_each_parameter_for_the_ttl_then_reads_it_again()
    {
        var catalog = Catalog();

        await catalog.GetLatestAsync(Core2022, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(59));
        await catalog.GetLatestAsync(Core2022, CancellationToken.None);
        Assert.Single(_aws.ParameterRequests);

        _aws.AddAmi(Core2022, "ami-0cccccccccccccccc", "next", "2026-05-01T00:00:00.000Z");
        _time.Advance(TimeSpan.FromMinutes(1));
        var release = await catalog.GetLatestAsync(Core2022, CancellationToken.None);

        Assert.Equal(2, _aws.ParameterRequests.Count);
        Assert.Equal("ami-0cccccccccccccccc", release.ImageId);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch()
    {
        _aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catalog = Catalog();

        var first = catalog.GetLatestAsync(Core2022, CancellationToken.None);
        var second = catalog.GetLatestAsync(Core2022, CancellationToken.None);
        var batch = catalog.GetLatestAsync([Core2022, Full2019], CancellationToken.None);
        Assert.False(first.IsCompleted);
        _aws.Gate.SetResult();

        Assert.Same(await first, await second);
        Assert.Same(await first, (await batch)[Core2022]);
        Assert.Equal([[Core2022], [Full2019]], _aws.ParameterRequests.Select(r => r.Names));
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_cancel_the_shared_fetch()
    {
        _aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catalog = Catalog();
        using var cancel = new CancellationTokenSource();

        var leaving = catalog.GetLatestAsync(Core2022, cancel.Token);
        var staying = catalog.GetLatestAsync(Core2022, CancellationToken.None);
        await cancel.CancelAsync();
        _aws.Gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.Equal("ami-0aaaaaaaaaaaaaaaa", (await staying).ImageId);
    }

    [Fact]
    public async Task A_missing_parameter_is_a_typed_error_and_absent_from_a_batch()
    {
        var catalog = Catalog();

        var error = await Assert.ThrowsAsync<AmiParameterNotFoundException>(() => catalog.GetLatestAsync("/custom/missing", CancellationToken.None));
        var batch = await catalog.GetLatestAsync(["/custom/missing", Core2022], CancellationToken.None);

        Assert.Equal("/custom/missing", error.ParameterName);
        Assert.Equal([Core2022], batch.Keys);
        Assert.Single(_aws.ParameterRequests, r => r.Names.Contains("/custom/missing"));
    }

    [Fact]
    public async Task A_parameter_holding_no_AMI_id_is_a_typed_error_and_never_described_as_an_image()
    {
        var catalog = Catalog();
        _aws.Parameters["/custom/word"] = "windows-latest";

        var error = await Assert.ThrowsAsync<AmiParameterNotAnImageException>(() => catalog.GetLatestAsync("/custom/word", CancellationToken.None));
        var batch = await catalog.GetLatestAsync(["/custom/word", Core2022], CancellationToken.None);

        Assert.Equal(("/custom/word", "windows-latest"), (error.ParameterName, error.Value));
        Assert.Contains("holds 'windows-latest', which is not an AMI id", error.Message, StringComparison.Ordinal);
        Assert.Equal([Core2022], batch.Keys);
        Assert.DoesNotContain(_aws.ImageRequests, r => r.Filters.Any(f => f.Values.Contains("windows-latest")));
    }

    [Fact]
    public async Task A_missing_parameter_is_asked_again_after_the_shorter_not_found_ttl()
    {
        var catalog = Catalog();
        await Assert.ThrowsAsync<AmiParameterNotFoundException>(() => catalog.GetLatestAsync("/custom/late", CancellationToken.None));

        _aws.AddAmi("/custom/late", "ami-0dddddddddddddddd", "late", "2026-05-01T00:00:00.000Z");
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("ami-0dddddddddddddddd", (await catalog.GetLatestAsync("/custom/late", CancellationToken.None)).ImageId);
    }

    [Fact]
    public async Task An_image_ec2_does_not_know_has_no_creation_date()
    {
        _aws.Parameters["/custom/gone"] = "ami-0eeeeeeeeeeeeeeee";

        var release = await Catalog().GetLatestAsync("/custom/gone", CancellationToken.None);

        Assert.Equal("ami-0eeeeeeeeeeeeeeee", release.ImageId);
        Assert.Null(release.CreatedAt);
        Assert.Null(release.ImageName);
    }

    [Fact]
    public async Task Batches_ten_names_per_get_parameters_and_describes_images_once()
    {
        var names = Enumerable.Range(0, 23).Select(i => $"/custom/ami-{i:D2}").ToList();
        foreach (var name in names)
        {
            _aws.AddAmi(name, $"ami-{name.GetHashCode():x8}", name, "2026-04-01T00:00:00Z");
        }

        var releases = await Catalog().GetLatestAsync(names, CancellationToken.None);

        Assert.Equal(23, releases.Count);
        Assert.Equal([10, 10, 3], _aws.ParameterRequests.Select(r => r.Names.Count));
        Assert.Single(_aws.ImageRequests);
        Assert.All(releases.Values, r => Assert.NotNull(r.CreatedAt));
    }

    [Fact]
    public async Task A_failed_fetch_is_not_cached()
    {
        var catalog = Catalog();
        _aws.Failure = new AmazonServiceException("down", ErrorType.Receiver, "InternalFailure", "req", HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<AmazonServiceException>(() => catalog.GetLatestAsync(Core2022, CancellationToken.None));

        _aws.Failure = null;

        Assert.Equal("ami-0aaaaaaaaaaaaaaaa", (await catalog.GetLatestAsync(Core2022, CancellationToken.None)).ImageId);
        Assert.Equal(2, _aws.ParameterRequests.Count);
    }

    [Theory]
    [InlineData("ami-0123", "ami-0123")]
    [InlineData(" ami-0123\n", "ami-0123")]
    [InlineData("{\"image_id\":\"ami-0456\",\"image_name\":\"x\"}", "ami-0456")]
    [InlineData("{\"other\":1}", null)]
    [InlineData("windows-latest", null)]
    [InlineData("ami-0ABC", null)]
    [InlineData("ami-", null)]
    [InlineData("ami-0123 ami-0456", null)]
    [InlineData("{\"image_id\":\"latest\"}", null)]
    [InlineData("{\"image_id\":1}", null)]
    [InlineData("", null)]
    public void Reads_plain_and_json_parameter_values(string value, string? expected) =>
        Assert.Equal(expected, SsmParameterReader.ImageIdOf(value));

    [Fact]
    public async Task Image_names_are_described_once_and_an_unknown_image_again_only_after_the_not_found_ttl()
    {
        var catalog = Catalog();
        string[] ids = ["ami-0aaaaaaaaaaaaaaaa", "ami-0bbbbbbbbbbbbbbbb", "ami-0ffffffffffffffff"];

        var names = await catalog.GetImageNamesAsync(ids, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4));
        var again = await catalog.GetImageNamesAsync(ids, CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ami-0aaaaaaaaaaaaaaaa"] = "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.04.14",
                ["ami-0bbbbbbbbbbbbbbbb"] = "Windows_Server-2019-English-Full-EKS_Optimized-1.31-2026.04.14",
            },
            names);
        Assert.Equal(names, again);
        Assert.Single(_aws.ImageRequests);

        _time.Advance(TimeSpan.FromMinutes(1));
        await catalog.GetImageNamesAsync(ids, CancellationToken.None);
        var retry = Assert.Single(_aws.ImageRequests.Skip(1));
        Assert.Equal(["ami-0ffffffffffffffff"], retry.Filters.Single().Values);
    }

    private SsmAmiCatalog Catalog() => new(
        new SsmParameterReader(_aws.Ssm.Object, _pipeline),
        new Ec2ImageReader(_aws.Ec2.Object, _pipeline),
        Options.Create(new AmiCatalogOptions()),
        _time);
}
