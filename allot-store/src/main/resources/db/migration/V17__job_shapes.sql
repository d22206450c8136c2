-- An ask may say what its work needs to start: its largest job in GPUs and the GPU types its jobs run on, as JSON
-- {"largestJobGpus": 32, "gpuTypes": ["H100"]}. NULL for an ask without a job shape (every ask written before).
ALTER TABLE ask ADD COLUMN job_shape_json TEXT;
