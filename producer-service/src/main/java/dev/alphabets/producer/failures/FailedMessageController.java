package dev.alphabets.producer.failures;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The failed-message store over HTTP: searching is open, replaying and discarding need
 * the operator's credentials.
 */
@RestController
@RequestMapping("/api/failed-messages")
class FailedMessageController {

	private final FailedMessageService service;

	private final FailedMessageRepository repository;

	FailedMessageController(FailedMessageService service, FailedMessageRepository repository) {
		this.service = service;
		this.repository = repository;
	}

	@GetMapping
	List<FailedMessage> search(@RequestParam(required = false) FailedMessageStatus status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(required = false) String text, @RequestParam(defaultValue = "100") int limit) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must be before 'to'");
		}
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'limit' must be between 1 and 1000");
		}
		return this.repository.search(new FailedMessageQuery(status, from, to, text, limit));
	}

	@GetMapping("/{id}")
	FailedMessageDetails get(@PathVariable long id) {
		return new FailedMessageDetails(this.service.get(id), this.repository.auditTrail(id));
	}

	@PostMapping("/{id}/replay")
	ResponseEntity<FailedMessage> replay(@PathVariable long id, Principal operator) {
		FailedMessage delivered = this.service.replay(id, operator.getName());
		// Still in flight after the replay timeout: accepted, it turns DELIVERED once
		// acknowledged.
		return (delivered != null) ? ResponseEntity.ok(delivered)
				: ResponseEntity.accepted().body(this.service.get(id));
	}

	@DeleteMapping("/{id}")
	FailedMessageDetails discard(@PathVariable long id, Principal operator) {
		return new FailedMessageDetails(this.service.discard(id, operator.getName()), this.repository.auditTrail(id));
	}

	/**
	 * A failed message with its audit trail.
	 *
	 * @param message the entry
	 * @param audit what happened to it, oldest first
	 */
	record FailedMessageDetails(FailedMessage message, List<AuditEntry> audit) {
	}

}
