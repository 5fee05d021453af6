package dev.alphabets.producer.sending;

import java.util.Map;

import dev.alphabets.producer.DeliveryModel;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code alphabet.delivery} is the model of {@link ConditionalOnDelivery}. A
 * value that does not bind counts as the default here; binding {@code AlphabetProperties}
 * then fails start-up naming the property.
 */
class OnDeliveryCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnDelivery.class.getName());
		DeliveryModel wanted = (DeliveryModel) attributes.get("value");
		DeliveryModel configured;
		try {
			configured = Binder.get(context.getEnvironment())
				.bind("alphabet.delivery", DeliveryModel.class)
				.orElse(DeliveryModel.AT_LEAST_ONCE);
		}
		catch (RuntimeException ex) {
			configured = DeliveryModel.AT_LEAST_ONCE;
		}
		return (configured == wanted) ? ConditionOutcome.match("alphabet.delivery is " + wanted)
				: ConditionOutcome.noMatch("alphabet.delivery is " + configured + ", not " + wanted);
	}

}
