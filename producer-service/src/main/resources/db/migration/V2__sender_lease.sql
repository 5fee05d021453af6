-- One live sender per sender id: the holder renews its lease; a crashed holder loses it once it expires.
CREATE TABLE sender_lease (
	sender_id VARCHAR(100) PRIMARY KEY,
	holder VARCHAR(200) NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
