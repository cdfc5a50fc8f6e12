using System.Security.Cryptography;

namespace WorkerApp;

public class Worker(ILogger<Worker> logger) : BackgroundService
{
    public const int Batches = 12;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long checksum = 0;
        for (int batch = 0; batch < Batches; batch++)
        {
            await Task.Delay(25, stoppingToken); // 300 ms over the batches, more than a busy machine preempting the hashing adds: MARK:worker-await
            checksum += Checksum(batch); // MARK:worker-body
        }

        logger.LogWarning("Worker finished {Batches} batches, checksum {Checksum}", Batches, checksum);
    }

    private static long Checksum(int batch) => SHA256.HashData(new byte[50_000 + batch])[0];
}
