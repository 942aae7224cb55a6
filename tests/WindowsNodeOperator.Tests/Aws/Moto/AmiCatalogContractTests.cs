using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>SSM GetParameters and EC2 DescribeImages against moto. moto refuses <c>/aws/...</c> names, so these use custom ones.</summary>
[Collection(MotoCollectionDefinition.Name)]
public sealed class AmiCatalogContractTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Reads_the_image_behind_a_parameter_with_its_name_and_creation_date()
    {
        var image = (await _aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"], MaxResults = 5 })).Images[0];
        await PutAsync("/windows-node-operator/test/windows-2022/image_id", image.ImageId);

        var release = await Catalog().GetLatestAsync("/windows-node-operator/test/windows-2022/image_id", CancellationToken.None);

        Assert.Equal(image.ImageId, release.ImageId);
        Assert.Equal(image.Name, release.ImageName);
        Assert.NotNull(release.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse(image.CreationDate, System.Globalization.CultureInfo.InvariantCulture), release.CreatedAt);
    }

    [Fact]
    public async Task An_unknown_image_id_has_no_creation_date_and_is_not_an_error()
    {
        await PutAsync("/windows-node-operator/test/unknown/image_id", "ami-0123456789abcdef0");

        var release = await Catalog().GetLatestAsync("/windows-node-operator/test/unknown/image_id", CancellationToken.None);

        Assert.Equal("ami-0123456789abcdef0", release.ImageId);
        Assert.Null(release.CreatedAt);
    }

    [Fact]
    public async Task A_missing_parameter_is_reported_by_name_and_batches_span_several_calls()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"/windows-node-operator/test/batch-{i:D2}").ToList();
        foreach (var name in names)
        {
            await PutAsync(name, "ami-0" + name[^2..] + "00000000000000");
        }

        var catalog = Catalog();
        var error = await Assert.ThrowsAsync<AmiParameterNotFoundException>(() =>
            catalog.GetLatestAsync("/windows-node-operator/test/missing", CancellationToken.None));
        var batch = await catalog.GetLatestAsync([.. names, "/windows-node-operator/test/missing"], CancellationToken.None);

        Assert.Equal("/windows-node-operator/test/missing", error.ParameterName);
        Assert.Equal(names, batch.Keys.Order());
        Assert.Equal("ami-00700000000000000", batch[names[7]].ImageId);
    }

    private SsmAmiCatalog Catalog() => new(
        new SsmParameterReader(_aws.Ssm, _aws.Pipeline),
        new Ec2ImageReader(_aws.Ec2, _aws.Pipeline),
        Options.Create(new AmiCatalogOptions()),
        TimeProvider.System);

    private async Task PutAsync(string name, string value) =>
        await _aws.Ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = value, Type = ParameterType.String });
}
